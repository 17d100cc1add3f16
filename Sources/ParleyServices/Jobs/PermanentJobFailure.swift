import ParleyStore

/// Thrown by a handler for a job that can never succeed (its order was deleted): no retry is made.
public struct PermanentJobFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
