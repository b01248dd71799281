package cn.fangxin.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignedNoteTests {

	@Test
	@DisplayName("a checkpoint signed with Ed25519 verifies with its verifier key; any change breaks it")
	void signAndVerify() throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		byte[] publicKey = SignedNote.raw(keys.getPublic());
		String vkey = SignedNote.verifierKey("fangxin.test/log", publicKey);
		var checkpoint = new SignedNote.Checkpoint("fangxin.test/log", 42, Merkle.emptyRoot(), List.of());
		String note = SignedNote.sign(checkpoint.text(), "fangxin.test/log", keys.getPrivate(), publicKey);

		assertThat(note).startsWith("fangxin.test/log\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u2014 fangxin.test/log ");
		String text = SignedNote.verify(note, vkey);
		assertThat(SignedNote.Checkpoint.parse(text).size()).isEqualTo(42);

		assertThatThrownBy(() -> SignedNote.verify(note.replace("\n42\n", "\n43\n"), vkey))
			.hasMessageContaining("does not verify");
		KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		String otherKey = SignedNote.verifierKey("fangxin.test/log", SignedNote.raw(other.getPublic()));
		assertThatThrownBy(() -> SignedNote.verify(note, otherKey)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SignedNote.verify(note, "nonsense")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	@DisplayName("checkpoint text is parsed strictly")
	void parse() {
		assertThatThrownBy(() -> SignedNote.Checkpoint.parse("origin\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SignedNote.Checkpoint.parse("origin\n1\nAAAA\n")).isInstanceOf(IllegalArgumentException.class);
		assertThat(SignedNote.Checkpoint.parse("origin\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next\n").extensions())
			.containsExactly("ext");
	}
}
