package cn.fangxin.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 (Certificate Transparency 2.0) §2.1 Merkle tree hashing, proofs and their verification, ported from the
 * RFC's text. SHA-256; a leaf hash is {@code HASH(0x00 || leaf)}, an interior node {@code HASH(0x01 || left || right)}.
 * Proofs are built from any {@link SubtreeHashes} (a log's stored nodes, or a list of leaves in memory), using the
 * RFC's recursive definitions (§2.1.3.1 PATH, §2.1.4.1 PROOF / SUBPROOF), and verified with its iterative algorithms
 * (§2.1.3.2, §2.1.4.2), which never look at the tree.
 */
public final class Merkle {

	private Merkle() {
	}

	/** The hash of a subtree {@code [start, end)} of a log; only ever asked for ranges that exist. */
	@FunctionalInterface
	public interface SubtreeHashes {
		byte[] hash(long start, long end);
	}

	public static byte[] leafHash(byte[] leaf) {
		MessageDigest sha = sha256();
		sha.update((byte) 0x00);
		sha.update(leaf);
		return sha.digest();
	}

	public static byte[] nodeHash(byte[] left, byte[] right) {
		MessageDigest sha = sha256();
		sha.update((byte) 0x01);
		sha.update(left);
		sha.update(right);
		return sha.digest();
	}

	/** MTH({}) = SHA-256 of the empty string. */
	public static byte[] emptyRoot() {
		return sha256().digest();
	}

	/** The largest power of two smaller than {@code n} (n > 1): where RFC 9162 splits a tree. */
	public static long split(long n) {
		return Long.highestOneBit(n - 1);
	}

	/** MTH(D[n]) of leaf hashes in memory (§2.1.1). */
	public static byte[] root(List<byte[]> leafHashes) {
		return leafHashes.isEmpty() ? emptyRoot() : inMemory(leafHashes).hash(0, leafHashes.size());
	}

	/** Subtree hashes computed from leaf hashes held in memory, straight from the RFC's definition. */
	public static SubtreeHashes inMemory(List<byte[]> leafHashes) {
		return new SubtreeHashes() {
			@Override
			public byte[] hash(long start, long end) {
				long n = end - start;
				if (n == 1) {
					return leafHashes.get((int) start);
				}
				long k = split(n);
				return nodeHash(hash(start, start + k), hash(start + k, end));
			}
		};
	}

	/** PATH(m, D[n]): the inclusion proof of leaf {@code m} in the tree of size {@code n} (§2.1.3.1). */
	public static List<byte[]> inclusionProof(long m, long n, SubtreeHashes tree) {
		if (m < 0 || m >= n) {
			throw new IllegalArgumentException("leaf " + m + " is not in a tree of size " + n);
		}
		List<byte[]> path = new ArrayList<>();
		path(m, 0, n, tree, path);
		return path;
	}

	private static void path(long m, long start, long end, SubtreeHashes tree, List<byte[]> out) {
		long n = end - start;
		if (n == 1) {
			return;
		}
		long k = split(n);
		if (m < k) {
			path(m, start, start + k, tree, out);
			out.add(tree.hash(start + k, end));
		}
		else {
			path(m - k, start + k, end, tree, out);
			out.add(tree.hash(start, start + k));
		}
	}

	/** PROOF(m, D[n]): the consistency proof between the trees of size {@code m} and {@code n} (§2.1.4.1). */
	public static List<byte[]> consistencyProof(long m, long n, SubtreeHashes tree) {
		if (m < 0 || m > n) {
			throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
		}
		List<byte[]> proof = new ArrayList<>();
		if (m > 0 && m < n) {
			subproof(m, 0, n, true, tree, proof);
		}
		return proof;
	}

	private static void subproof(long m, long start, long end, boolean complete, SubtreeHashes tree, List<byte[]> out) {
		long n = end - start;
		if (m == n) {
			if (!complete) {
				out.add(tree.hash(start, end));
			}
			return;
		}
		long k = split(n);
		if (m <= k) {
			subproof(m, start, start + k, complete, tree, out);
			out.add(tree.hash(start + k, end));
		}
		else {
			subproof(m - k, start + k, end, false, tree, out);
			out.add(tree.hash(start, start + k));
		}
	}

	/** Verifies an inclusion proof (§2.1.3.2). */
	public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof,
			byte[] rootHash) {
		if (leafIndex < 0 || leafIndex >= treeSize) {
			return false;
		}
		long fn = leafIndex;
		long sn = treeSize - 1;
		byte[] r = leafHash;
		for (byte[] p : proof) {
			if (sn == 0) {
				return false;
			}
			if ((fn & 1) == 1 || fn == sn) {
				r = nodeHash(p, r);
				if ((fn & 1) == 0) {
					while ((fn & 1) == 0 && fn != 0) {
						fn >>= 1;
						sn >>= 1;
					}
				}
			}
			else {
				r = nodeHash(r, p);
			}
			fn >>= 1;
			sn >>= 1;
		}
		return sn == 0 && Arrays.equals(r, rootHash);
	}

	/** Verifies a consistency proof (§2.1.4.2), with the RFC's prerequisites for the trivial cases. */
	public static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash,
			List<byte[]> proof) {
		if (first < 0 || second < first) {
			return false;
		}
		if (first == second) {
			return proof.isEmpty() && Arrays.equals(firstHash, secondHash);
		}
		if (first == 0) {
			return proof.isEmpty();
		}
		if (proof.isEmpty()) {
			return false;
		}
		List<byte[]> path = new ArrayList<>(proof);
		if (Long.bitCount(first) == 1) {
			path.add(0, firstHash);
		}
		long fn = first - 1;
		long sn = second - 1;
		while ((fn & 1) == 1) {
			fn >>= 1;
			sn >>= 1;
		}
		byte[] fr = path.get(0);
		byte[] sr = path.get(0);
		for (byte[] c : path.subList(1, path.size())) {
			if (sn == 0) {
				return false;
			}
			if ((fn & 1) == 1 || fn == sn) {
				fr = nodeHash(c, fr);
				sr = nodeHash(c, sr);
				if ((fn & 1) == 0) {
					while ((fn & 1) == 0 && fn != 0) {
						fn >>= 1;
						sn >>= 1;
					}
				}
			}
			else {
				sr = nodeHash(sr, c);
			}
			fn >>= 1;
			sn >>= 1;
		}
		return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
	}

	public static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
