package cn.fangxin.platform.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.fangxin.platform.HomeNotices;

/** The home page: a greeting for the signed-in role, what the modules have to tell them first, and what they can do. */
@Controller
class ShellController {

	private final ObjectProvider<HomeNotices> notices;

	ShellController(ObjectProvider<HomeNotices> notices) {
		this.notices = notices;
	}

	@GetMapping("/")
	String home(Model model) {
		List<HomeNotices.Notice> current = notices.orderedStream().flatMap(n -> n.current().stream()).toList();
		model.addAttribute("notices", current);
		return "home";
	}
}
