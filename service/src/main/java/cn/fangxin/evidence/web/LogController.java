package cn.fangxin.evidence.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.evidence.internal.Checkpoints;
import cn.fangxin.evidence.internal.EvidenceRepository;
import cn.fangxin.evidence.internal.LogKeys;
import cn.fangxin.evidence.internal.TransparencyLog;
import cn.fangxin.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API.md "Evidence and the transparency log": public, so that anyone can check the log without trusting us. */
@RestController
@Tag(name = "Transparency log")
class LogController {

	private final Checkpoints checkpoints;
	private final TransparencyLog tree;
	private final LogKeys keys;
	private final EvidenceRepository evidence;

	LogController(Checkpoints checkpoints, TransparencyLog tree, LogKeys keys, EvidenceRepository evidence) {
		this.checkpoints = checkpoints;
		this.tree = tree;
		this.keys = keys;
		this.evidence = evidence;
	}

	@GetMapping(path = "/api/v1/log/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "The latest signed checkpoint (C2SP tlog-checkpoint, Ed25519 signed note)")
	ResponseEntity<String> checkpoint() {
		String note = checkpoints.latest().or(checkpoints::signNow).map(Checkpoints.Signed::note)
			.orElseThrow(() -> ApiProblem.notFound("NO_CHECKPOINT", "The log has not signed a checkpoint yet."));
		return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(note);
	}

	@GetMapping(path = "/api/v1/log/checkpoints/{size}/timestamp", produces = "application/timestamp-reply")
	@Operation(summary = "The RFC 3161 timestamp token of the checkpoint of this size, when the log is stamped")
	ResponseEntity<byte[]> timestamp(@PathVariable long size) {
		byte[] token = checkpoints.timestamp(size)
			.orElseThrow(() -> ApiProblem.notFound("TIMESTAMP_NOT_FOUND", "No timestamp for a checkpoint of this size."));
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/timestamp-reply")).body(token);
	}

	@GetMapping("/api/v1/log/public-key")
	@Operation(summary = "The log's Ed25519 public key and C2SP verifier key")
	PublicKeyView publicKey() {
		return new PublicKeyView(keys.origin(), keys.keyName(), "Ed25519",
				Base64.getEncoder().encodeToString(keys.publicKey()), keys.verifierKey());
	}

	@GetMapping("/api/v1/log/entries/{index}")
	@Operation(summary = "A leaf: the exact bytes that were hashed (base64)")
	EntryView entry(@PathVariable long index) {
		var row = evidence.byLeafIndex(index)
			.orElseThrow(() -> ApiProblem.notFound("LEAF_NOT_FOUND", "No leaf at this index."));
		return new EntryView(index, Base64.getEncoder().encodeToString(row.leaf().getBytes(StandardCharsets.UTF_8)));
	}

	@GetMapping("/api/v1/log/proofs/inclusion")
	@Operation(summary = "RFC 9162 inclusion proof of a leaf in a tree size")
	InclusionView inclusion(@RequestParam long index, @RequestParam long treeSize) {
		long size = tree.size();
		if (treeSize < 1 || treeSize > size || index < 0 || index >= treeSize) {
			throw ApiProblem.invalid("PROOF_RANGE_INVALID", "Need 0 <= index < treeSize <= " + size + ".");
		}
		return new InclusionView(index, treeSize, encode(tree.inclusionProof(index, treeSize)));
	}

	@GetMapping("/api/v1/log/proofs/consistency")
	@Operation(summary = "RFC 9162 consistency proof between two tree sizes")
	ConsistencyView consistency(@RequestParam long from, @RequestParam long to) {
		long size = tree.size();
		if (from < 0 || to < from || to > size) {
			throw ApiProblem.invalid("PROOF_RANGE_INVALID", "Need 0 <= from <= to <= " + size + ".");
		}
		return new ConsistencyView(from, to, encode(tree.consistencyProof(from, to)));
	}

	/**
	 * C2SP tlog-tiles: {@code /api/v1/log/tile/<L>/<N>[.p/<W>]} (hash tiles, 32-byte hashes concatenated) and
	 * {@code /api/v1/log/tile/entries/<N>[.p/<W>]} (entry bundles: each leaf as a big-endian uint16 length and its
	 * bytes). N is written in groups of three digits, all but the last prefixed with x: 1234067 → x001/x234/067. Tiles
	 * never change, so they may be cached for ever.
	 */
	@GetMapping(path = "/api/v1/log/tile/**", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	@Operation(summary = "C2SP tlog-tiles hash and entry tiles")
	ResponseEntity<byte[]> tile(jakarta.servlet.http.HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getRequestURI().indexOf("/tile/") + "/tile/".length());
		TilePath tile = TilePath.parse(path)
			.orElseThrow(() -> ApiProblem.notFound("TILE_NOT_FOUND", "No such tile: " + path));
		byte[] body;
		if (tile.entries()) {
			var hashes = tree.tile(0, tile.index(), tile.width())
				.orElseThrow(() -> ApiProblem.notFound("TILE_NOT_FOUND", "The log has no such tile yet."));
			var out = new java.io.ByteArrayOutputStream();
			for (int i = 0; i < hashes.size(); i++) {
				byte[] leaf = evidence.byLeafIndex(256 * tile.index() + i).orElseThrow().leaf().getBytes(StandardCharsets.UTF_8);
				out.write(leaf.length >> 8);
				out.write(leaf.length & 0xff);
				out.writeBytes(leaf);
			}
			body = out.toByteArray();
		}
		else {
			var hashes = tree.tile(tile.level(), tile.index(), tile.width())
				.orElseThrow(() -> ApiProblem.notFound("TILE_NOT_FOUND", "The log has no such tile yet."));
			body = new byte[32 * hashes.size()];
			for (int i = 0; i < hashes.size(); i++) {
				System.arraycopy(hashes.get(i), 0, body, 32 * i, 32);
			}
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header("Cache-Control", "public, max-age=31536000, immutable")
			.body(body);
	}

	/** A parsed tile path. */
	record TilePath(boolean entries, int level, long index, int width) {

		static java.util.Optional<TilePath> parse(String path) {
			String[] parts = path.split("/");
			if (parts.length < 2) {
				return java.util.Optional.empty();
			}
			boolean entries = parts[0].equals("entries");
			int level;
			if (entries) {
				level = 0;
			}
			else if (parts[0].matches("\\d{1,2}")) {
				level = Integer.parseInt(parts[0]);
			}
			else {
				return java.util.Optional.empty();
			}
			int width = 256;
			int end = parts.length;
			if (end >= 3 && parts[end - 2].endsWith(".p") && parts[end - 1].matches("\\d{1,3}")) {
				width = Integer.parseInt(parts[end - 1]);
				parts[end - 2] = parts[end - 2].substring(0, parts[end - 2].length() - 2);
				end--;
				if (width < 1 || width > 255) {
					return java.util.Optional.empty();
				}
			}
			long index = 0;
			for (int i = 1; i < end; i++) {
				String group = parts[i];
				boolean last = i == end - 1;
				if (last ? !group.matches("\\d{3}") : !group.matches("x\\d{3}")) {
					return java.util.Optional.empty();
				}
				index = index * 1000 + Integer.parseInt(last ? group : group.substring(1));
			}
			return java.util.Optional.of(new TilePath(entries, level, index, width));
		}
	}

	private static List<String> encode(List<byte[]> hashes) {
		return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
	}

	record PublicKeyView(String origin, String keyName, String algorithm, String publicKey, String verifierKey) {
	}

	record EntryView(long index, String leaf) {
	}

	record InclusionView(long index, long treeSize, List<String> hashes) {
	}

	record ConsistencyView(long from, long to, List<String> hashes) {
	}
}
