import Hummingbird
import NIOCore

/// A CSV download: UTF-8, saved under `filename` rather than shown.
enum CSVResponse {
    static func make(_ csv: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
