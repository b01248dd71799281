package cn.fangxin.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: a greeting for the signed-in role and the things that role can do. */
@Controller
class ShellController {

	@GetMapping("/")
	String home() {
		return "home";
	}
}
