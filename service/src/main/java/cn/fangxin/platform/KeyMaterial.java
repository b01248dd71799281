package cn.fangxin.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.function.Supplier;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;


/**
 * Where keys come from: configuration in production; in the embedded default, files made on first start under
 * {@code <data-dir>/keys}, readable by the owner only.
 */
public final class KeyMaterial {

	static {
		try {
			AeadConfig.register();
			PrfConfig.register();
		}
		catch (GeneralSecurityException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	private KeyMaterial() {
	}

	/** The configured value, or the content of {@code keys/<file>} in the data dir, made by {@code generate} if new. */
	public static String configuredOrFile(String configured, FangxinProperties properties, String file,
			Supplier<String> generate) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		if (!properties.demo()) {
			throw new IllegalStateException("key material '" + file
					+ "' must come from configuration when the demo is off (see README, 'Production')");
		}
		Path path = properties.dataDir().resolve("keys").resolve(file);
		try {
			if (Files.exists(path)) {
				return Files.readString(path, StandardCharsets.UTF_8).strip();
			}
			Files.createDirectories(path.getParent());
			String value = generate.get();
			Path temp = Files.createTempFile(path.getParent(), file, ".tmp");
			try {
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException notPosix) {
				// Windows: the data dir's own permissions apply.
			}
			Files.writeString(temp, value, StandardCharsets.UTF_8);
			try {
				Files.move(temp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException raced) {
				Files.deleteIfExists(temp);
			}
			return Files.readString(path, StandardCharsets.UTF_8).strip();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read or create " + path, e);
		}
	}

	/** A Tink keyset from configuration or the data dir, generated from {@code template} on first start. */
	public static KeysetHandle tinkKeyset(String configured, FangxinProperties properties, String file,
			String template) {
		String json = configuredOrFile(configured, properties, file, () -> {
			try {
				return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(KeyTemplates.get(template)),
						InsecureSecretKeyAccess.get());
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException(e);
			}
		});
		try {
			return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("keyset '" + file + "' is not a valid Tink keyset", e);
		}
	}
}
