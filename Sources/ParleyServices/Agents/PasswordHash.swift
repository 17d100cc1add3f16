import HummingbirdBcrypt
import NIOPosix

/// Bcrypt off Swift's cooperative threads: a hash takes tens of milliseconds by design (seconds in a
/// debug build), and there are only as many cooperative threads as cores, so a few sign-ins at once
/// would otherwise hold up every other request meanwhile.
enum PasswordHash {
    static func make(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func matches(_ password: String, _ hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
