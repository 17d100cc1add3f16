import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// The inbox screen: the list, and the open conversation with its customer when one is open.
struct InboxPageModel {
    let list: InboxListModel
    let conversation: ConversationModel?
    let customer: CustomerPanelModel?
}
