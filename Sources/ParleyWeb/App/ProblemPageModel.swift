import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

struct ProblemPageModel {
    let title: String
    let detail: String
    let reason: String?
}
