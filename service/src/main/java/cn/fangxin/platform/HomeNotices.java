package cn.fangxin.platform;

import java.util.List;

/**
 * What a module has to tell the signed-in user first, on the home page: the next step a new shop must take, say. A
 * module contributes a bean; the shell shows what each answers for the current request, and depends on none of them.
 */
public interface HomeNotices {

	/** The notices for the user of the current request, most pressing first; none by default. */
	List<Notice> current();

	/**
	 * A notice: its text and the page that deals with it.
	 *
	 * @param messageKey the text's bundle key
	 * @param args the text's arguments
	 * @param path where to go
	 * @param linkKey the link's bundle key
	 */
	record Notice(String messageKey, List<String> args, String path, String linkKey) {

		public Notice(String messageKey, String path, String linkKey) {
			this(messageKey, List.of(), path, linkKey);
		}

		/**
		 * "{0} things wait for you": the text {@code messageKey} with the count, and its link {@code messageKey.link};
		 * none when nothing waits.
		 */
		public static List<Notice> counted(long count, String messageKey, String path) {
			return count <= 0 ? List.of()
					: List.of(new Notice(messageKey, List.of(String.valueOf(count)), path, messageKey + ".link"));
		}
	}
}
