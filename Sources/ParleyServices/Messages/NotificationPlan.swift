import Foundation
import ParleyCore

/// Which stages a shop announces on which channel: `notify.email_stages` and `notify.sms_stages`,
/// comma-separated stage names. Unset means every stage; an empty list or `none` means none.
enum NotificationPlan {
    static func channels(for stage: OrderStage, settings: [String: String]) -> Set<Channel> {
        Set(
            Channel.allCases.filter { channel in
                guard let list = settings["notify.\(channel.rawValue)_stages"] else { return true }
                let stages = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                return stages.contains(stage.rawValue)
            })
    }
}
