/// The job handlers of a Parley installation, registered with every worker.
/// Capabilities add theirs here (sending messages, running flows) as they arrive.
public enum JobHandlers {
    public static let all: [any JobHandler] = []
}
