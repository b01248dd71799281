package cn.fangxin.platform.internal;

import java.io.IOException;

import org.springframework.http.HttpStatus;

import cn.fangxin.platform.ApiProblem;

/** Thrown while reading a request body that grows past the limit. */
public class PayloadTooLargeException extends IOException {

	private final long limit;

	PayloadTooLargeException(long limit) {
		super("request body larger than " + limit + " bytes");
		this.limit = limit;
	}

	public ApiProblem problem() {
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
				"The request body is larger than the limit of " + limit + " bytes.").with("limitBytes", limit);
	}
}
