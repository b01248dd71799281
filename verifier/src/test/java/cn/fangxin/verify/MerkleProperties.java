package cn.fangxin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The RFC 9162 algorithms against trees computed independently: a plain bottom-up tree (pairs of nodes, the odd one
 * carried up), which shares no code with the recursive definitions the proofs are built from.
 */
class MerkleProperties {

	static List<byte[]> leaves(int n) {
		List<byte[]> hashes = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			hashes.add(Merkle.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
		}
		return hashes;
	}

	/** The root computed bottom-up, level by level — a different algorithm from the RFC's recursion. */
	static byte[] bottomUpRoot(List<byte[]> leafHashes) {
		if (leafHashes.isEmpty()) {
			return Merkle.emptyRoot();
		}
		List<byte[]> level = leafHashes;
		while (level.size() > 1) {
			List<byte[]> next = new ArrayList<>();
			for (int i = 0; i + 1 < level.size(); i += 2) {
				next.add(Merkle.nodeHash(level.get(i), level.get(i + 1)));
			}
			if (level.size() % 2 == 1) {
				next.add(level.get(level.size() - 1));
			}
			level = next;
		}
		return level.get(0);
	}

	@Test
	@DisplayName("the empty tree's root is SHA-256 of nothing; one leaf's root is its leaf hash")
	void knownValues() {
		assertThat(HexFormat.of().formatHex(Merkle.emptyRoot()))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(HexFormat.of().formatHex(Merkle.leafHash(new byte[0])))
			.isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
	}

	@Test
	@DisplayName("every inclusion proof of every leaf of every tree up to 130 leaves verifies, and a wrong one does not")
	void allInclusionProofsUpTo130() {
		List<byte[]> all = leaves(131);
		for (int n = 1; n <= 130; n++) {
			List<byte[]> leaves = all.subList(0, n);
			byte[] root = bottomUpRoot(leaves);
			byte[] biggerRoot = bottomUpRoot(all.subList(0, n + 1));
			assertThat(Merkle.root(leaves)).as("root of %d", n).isEqualTo(root);
			Merkle.SubtreeHashes tree = Merkle.inMemory(leaves);
			for (int m = 0; m < n; m++) {
				List<byte[]> proof = Merkle.inclusionProof(m, n, tree);
				assertThat(Merkle.verifyInclusion(m, n, leaves.get(m), proof, root)).as("leaf %d of %d", m, n).isTrue();
				if (n > 1) {
					int other = (m + 1) % n;
					assertThat(Merkle.verifyInclusion(m, n, leaves.get(other), proof, root)).as("another leaf").isFalse();
					assertThat(Merkle.verifyInclusion(other, n, leaves.get(m), proof, root)).as("another index").isFalse();
				}
				assertThat(Merkle.verifyInclusion(m, n + 1, leaves.get(m), proof, biggerRoot)).as("the next tree").isFalse();
			}
		}
	}

	@Test
	@DisplayName("every consistency proof between every pair of sizes up to 130 verifies, and a wrong one does not")
	void allConsistencyProofsUpTo130() {
		List<byte[]> leaves = leaves(130);
		Merkle.SubtreeHashes tree = Merkle.inMemory(leaves);
		byte[][] roots = new byte[131][];
		for (int n = 0; n <= 130; n++) {
			roots[n] = bottomUpRoot(leaves.subList(0, n));
		}
		for (int n = 1; n <= 130; n++) {
			for (int m = 0; m <= n; m++) {
				List<byte[]> proof = Merkle.consistencyProof(m, n, tree);
				assertThat(Merkle.verifyConsistency(m, n, roots[m], roots[n], proof)).as("%d to %d", m, n).isTrue();
				if (m > 0) {
					byte[] wrongOld = roots[m].clone();
					wrongOld[0] ^= 1;
					assertThat(Merkle.verifyConsistency(m, n, wrongOld, roots[n], proof)).as("a forged old root").isFalse();
					byte[] wrongNew = roots[n].clone();
					wrongNew[0] ^= 1;
					assertThat(Merkle.verifyConsistency(m, n, roots[m], wrongNew, proof)).as("a forged new root").isFalse();
				}
			}
		}
	}

	@Property(tries = 60)
	void largerTreesProveInclusionAndConsistency(@ForAll @IntRange(min = 131, max = 5000) int n,
			@ForAll @IntRange(min = 0, max = 4999) int mSeed, @ForAll @IntRange(min = 1, max = 5000) int oldSeed) {
		List<byte[]> leaves = leaves(n);
		byte[] root = bottomUpRoot(leaves);
		Merkle.SubtreeHashes tree = Merkle.inMemory(leaves);
		int m = mSeed % n;
		assertThat(Merkle.verifyInclusion(m, n, leaves.get(m), Merkle.inclusionProof(m, n, tree), root)).isTrue();
		int old = oldSeed % n + 1;
		byte[] oldRoot = bottomUpRoot(leaves.subList(0, old));
		List<byte[]> proof = Merkle.consistencyProof(old, n, tree);
		assertThat(Merkle.verifyConsistency(old, n, oldRoot, root, proof)).isTrue();
		byte[] tampered = oldRoot.clone();
		tampered[31] ^= 0x55;
		assertThat(Merkle.verifyConsistency(old, n, tampered, root, proof)).isFalse();
	}
}
