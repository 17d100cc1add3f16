import ArgumentParser
import Foundation
import ParleyCore
import ParleyWeb

/// How messages leave: shared by `serve` and `worker`, which both send.
struct DeliveryOptions: ParsableArguments {
    @Option(help: "Mail server, smtp:// or smtps://user:pass@host:port [env: PARLEY_SMTP_URL]")
    var smtpURL: String?

    @Option(help: "Where customers reach Parley, for links in messages [env: PARLEY_PUBLIC_URL] (default: http://HOST:PORT)")
    var publicURL: String?

    @Option(help: "Seconds a job is held without a heartbeat before another worker takes it [env: PARLEY_JOB_LEASE] (default: 60)")
    var jobLease: Int?

    @Option(
        help: """
            A network webhooks may be sent to although it is not public, such as 127.0.0.1/32 or 10.0.0.0/8; repeatable \
            [env: PARLEY_WEBHOOK_ALLOW_NETWORKS, comma-separated] (default: public addresses only)
            """)
    var webhookAllowNetwork: [String] = []

    func validate() throws {
        for network in allowedNetworks() where IPNetwork(parsing: network) == nil {
            throw ValidationError("\(network) is not a network; write an address or CIDR range such as 10.0.0.0/8")
        }
    }

    private func allowedNetworks() -> [String] {
        let fromEnvironment = ProcessInfo.processInfo.environment["PARLEY_WEBHOOK_ALLOW_NETWORKS"]?.split(separator: ",") ?? []
        return (webhookAllowNetwork + fromEnvironment.map(String.init)).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    func apply(to configuration: inout ParleyConfiguration) {
        configuration.webhookAllowedNetworks = allowedNetworks().compactMap(IPNetwork.init(parsing:))
        let environment = ProcessInfo.processInfo.environment
        configuration.smtpURL = smtpURL ?? environment["PARLEY_SMTP_URL"]
        configuration.publicURL = publicURL ?? environment["PARLEY_PUBLIC_URL"]
        if let seconds = jobLease ?? environment["PARLEY_JOB_LEASE"].flatMap(Int.init), seconds > 0 {
            configuration.jobLease = .seconds(seconds)
        }
    }
}
