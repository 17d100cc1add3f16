import Foundation

/// The time, passed explicitly so tests can hold it still and SQL never asks the database for `now()`.
///
/// Named `WallClock` so it does not shadow the standard library's `Clock`.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The machine's clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
