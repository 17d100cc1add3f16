import Foundation
import Hummingbird
import NIOCore

/// `/app/assets/{name}`.
struct AssetRoutes {
    let assets: AppAssets

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/assets/:name") { _, context in
            guard let asset = assets.files[try context.parameters.require("name")] else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=86400", .xContentTypeOptions: "nosniff"],
                body: .init(byteBuffer: asset.body))
        }
    }
}
