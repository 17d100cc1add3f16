import Dispatch

/// Blocking work (a pipe or socket read, a wait for a program) run on a GCD thread, awaited without
/// holding one of Swift's cooperative threads: there are only as many as cores, and a test blocking
/// them stalls every other test meanwhile.
public enum OffPool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
