/**
 * The evidence module: what cannot be deleted (PRODUCT.md capability 7; SPC Online Litigation Rules 2021 art. 16). It
 * owns the blob store (content-addressed by SHA-256, behind the {@link cn.fangxin.evidence.BlobStore} port), evidence
 * records (uploaded by the parties or made by the system: order snapshots, listing versions, chat messages, case events,
 * decisions), and the transparency log: every record a leaf in an RFC 9162 Merkle tree, its index assigned in the
 * record's own transaction, every complete subtree stored, checkpoints signed as C2SP signed notes with Ed25519,
 * and inclusion and consistency proofs that anyone can check with the offline verifier.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence")
package cn.fangxin.evidence;
