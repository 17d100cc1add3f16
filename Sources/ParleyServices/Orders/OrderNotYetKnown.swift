import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// An event about an order Parley has not seen created yet (a fulfillment that overtook the order):
/// the platform should deliver it again later.
public struct OrderNotYetKnown: Error, Equatable, CustomStringConvertible {
    public let externalID: String
    public var description: String { "order \(externalID) is not known yet; send its creation first or retry later" }
}
