package cn.fangxin.rights.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.account.Caller;
import cn.fangxin.rights.PersonalDataCopy;
import cn.fangxin.rights.PersonalDataRights;

/** A person's own copy of their personal data, and its erasure, over the API. */
@RestController
class PersonalDataController {

	private final PersonalDataRights rights;

	PersonalDataController(PersonalDataRights rights) {
		this.rights = rights;
	}

	/** {@code GET /api/v1/me/personal-data}: everything held about the caller, unmasked (PIPL arts. 45, 50). */
	@GetMapping("/api/v1/me/personal-data")
	PersonalDataCopy copy(Caller caller) {
		return rights.copy(caller);
	}

	/** The erasure's body: the account's password, to confirm it is its owner. */
	record ErasureRequest(String password) {
	}

	/**
	 * {@code POST /api/v1/me/erasure {password}} → {@code {id, status: ERASED, erasedAt, ordersErased,
	 * requestsErased}}; 409 {@code ERASURE_BLOCKED} with {@code blockers}, 403 {@code PASSWORD_INCORRECT}.
	 */
	@PostMapping("/api/v1/me/erasure")
	PersonalDataRights.Erased erase(Caller caller, @RequestBody(required = false) ErasureRequest request) {
		return rights.erase(caller, request == null ? null : request.password());
	}
}
