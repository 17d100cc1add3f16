import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/api/v1/assistant/answer`: the assistant's answer to a customer's question, from the shop's
/// help articles or, once proven, from the customer's order.
struct AssistantRoutes {
    let assistant: Assistant
    /// Where customers reach this installation, so article links work from the shop's own site.
    let publicURL: String

    struct Input: Decodable {
        struct Order: Decodable {
            let number: String?
            let email: String?
            let postcode: String?
        }
        let question: String?
        let locale: String?
        let order: Order?
    }

    struct Resource: Encodable {
        struct Article: Encodable {
            let id: String
            let title: String
            let url: String
        }
        let kind: String
        let text: String
        let confidence: Double
        let article: Article?
        let passage: String?
        let orderNumber: String?

        enum CodingKeys: CodingKey { case kind, text, confidence, article, passage, orderNumber }

        init(_ answer: AssistantAnswer, publicURL: String) {
            text = answer.text
            // Two decimals say all a client needs and keep the JSON stable across platforms.
            confidence = (answer.confidence * 100).rounded() / 100
            switch answer.kind {
            case .article(let found):
                kind = "article"
                article = Article(id: found.id, title: found.title, url: publicURL + found.path)
                passage = found.passage
                orderNumber = nil
            case .orderStatus:
                (kind, article, passage, orderNumber) = ("order_status", nil, nil, nil)
            case .needsOrderVerification(let number):
                (kind, article, passage, orderNumber) = ("needs_order_verification", nil, nil, number)
            case .unknown:
                (kind, article, passage, orderNumber) = ("unknown", nil, nil, nil)
            }
        }

        // The contract lists `article`, `passage` and `order_number` on every answer, null when absent.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(text, forKey: .text)
            try container.encode(confidence, forKey: .confidence)
            try container.encode(article, forKey: .article)
            try container.encode(passage, forKey: .passage)
            try container.encode(orderNumber, forKey: .orderNumber)
        }
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.post("assistant/answer") { request, context in
            var request = request
            let input = try await request.decodeJSON(Input.self, context: context)
            let answer = try await assistant.answer(
                shop: context.shop, question: input.question ?? "", locale: input.locale,
                order: input.order.map { OrderProof(number: $0.number, email: $0.email, postcode: $0.postcode) })
            return try APIJSON.response(Resource(answer, publicURL: publicURL))
        }
    }
}
