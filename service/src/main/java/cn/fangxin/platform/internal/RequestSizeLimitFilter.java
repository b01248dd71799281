package cn.fangxin.platform.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.platform.ProblemWriter;

/**
 * Refuses API request bodies above the limit with 413 {@code PAYLOAD_TOO_LARGE}: at once when the length is declared,
 * and while reading when it is not (chunked). Multipart uploads have their own, larger limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long limit;
	private final ProblemWriter problems;

	RequestSizeLimitFilter(FangxinProperties properties, ProblemWriter problems) {
		this.limit = properties.limits().maxJsonBody().toBytes();
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return !ProblemWriter.isApi(request) || (type != null && type.toLowerCase().startsWith("multipart/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
					"The request body is larger than the limit of " + limit + " bytes.");
			return;
		}
		try {
			chain.doFilter(new Limited(request, limit), response);
		}
		catch (PayloadTooLargeException | ServletException e) {
			if (e instanceof PayloadTooLargeException || e.getCause() instanceof PayloadTooLargeException) {
				problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
						"The request body is larger than the limit of " + limit + " bytes.");
				return;
			}
			throw e;
		}
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream in = super.getInputStream();
				stream = new ServletInputStream() {
					private long read;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int off, int len) throws IOException {
						int n = in.read(buffer, off, len);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws PayloadTooLargeException {
						read += n;
						if (read > limit) {
							throw new PayloadTooLargeException(limit);
						}
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}
				};
			}
			return stream;
		}
	}
}
