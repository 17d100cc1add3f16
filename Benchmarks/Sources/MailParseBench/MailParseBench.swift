import Foundation
import ParleyMail

/// Parses every file given on the command line, `rounds` times, and prints the throughput as JSON:
/// `{"bytes": …, "seconds": …, "mb_per_s": …, "messages": …}`. Used by `Benchmarks/email_to_tickets.py`.
@main
enum MailParseBench {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let rounds = arguments.first.flatMap(Int.init) ?? 20
        if Int(arguments.first ?? "") != nil { arguments.removeFirst() }
        let messages = try arguments.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
        var bytes = 0
        var texts = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for message in messages {
                    let parsed = MailParser.parse(message)
                    texts += (parsed.text?.utf8.count ?? 0) + (parsed.html?.utf8.count ?? 0)
                    bytes += message.count
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            #"{"bytes": \#(bytes), "seconds": \#(seconds), "mb_per_s": \#(Double(bytes) / 1e6 / seconds), "messages": \#(messages.count * rounds), "text_bytes": \#(texts)}"#
        )
    }
}
