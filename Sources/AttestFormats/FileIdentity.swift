#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The identity of an existing file: its device and inode, whatever path names it. Two paths
/// are the same file when their identities are equal — through symbolic links (followed), hard
/// links, `..` and relative paths alike. Commands use it to never write over one of their inputs.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// Nil when nothing exists at `path` (or it cannot be examined).
    public init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}
