import Logging
import ServiceLifecycle
import UnixSignals

extension ServiceGroupConfiguration {
    /// How long SIGTERM or SIGINT waits for work in flight (requests, jobs) before cancelling it, so
    /// that a stuck request or job cannot hold a restart up. A job cut short is not lost: its lease
    /// runs out and it runs again.
    static let gracefulShutdownLimit = Duration.seconds(10)

    /// `services` stopped by SIGTERM and SIGINT, gracefully for at most `gracefulShutdownLimit`.
    static func parley(_ services: [any Service], logger: Logger) -> ServiceGroupConfiguration {
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = gracefulShutdownLimit
        return configuration
    }
}
