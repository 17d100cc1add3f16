import ArgumentParser
import Foundation
import ParleyWeb

/// How messages leave: shared by `serve` and `worker`, which both send.
struct DeliveryOptions: ParsableArguments {
    @Option(help: "Mail server, smtp:// or smtps://user:pass@host:port [env: PARLEY_SMTP_URL]")
    var smtpURL: String?

    @Option(help: "Where customers reach Parley, for links in messages [env: PARLEY_PUBLIC_URL] (default: http://HOST:PORT)")
    var publicURL: String?

    @Option(help: "Seconds a job is held without a heartbeat before another worker takes it [env: PARLEY_JOB_LEASE] (default: 60)")
    var jobLease: Int?

    func apply(to configuration: inout ParleyConfiguration) {
        let environment = ProcessInfo.processInfo.environment
        configuration.smtpURL = smtpURL ?? environment["PARLEY_SMTP_URL"]
        configuration.publicURL = publicURL ?? environment["PARLEY_PUBLIC_URL"]
        if let seconds = jobLease ?? environment["PARLEY_JOB_LEASE"].flatMap(Int.init), seconds > 0 {
            configuration.jobLease = .seconds(seconds)
        }
    }
}
