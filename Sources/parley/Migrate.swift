import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyWeb
import Prometheus
import ServiceLifecycle

/// `parley migrate`: applies pending schema migrations and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let location = try store.location()
        try await store.withMigratedDatabase { _ in }
        print("\(location) is up to date.")
    }
}
