import ParleyMail

/// libFuzzer's entry point: the whole input is one raw message (parsed, then read as a bounce), and
/// also text under a charset label chosen by its first byte.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let mail = MailParser.parse(bytes)
    _ = mail.subject?.count
    _ = DeliveryReport.read(mail)?.recipients.count
    let labels = ["utf-8", "us-ascii", "iso-8859-2", "windows-1251", "koi8-r", "utf-16", "utf-7", "shift_jis", "iso-2022-jp", "x-unknown"]
    let label = labels[Int(bytes.first ?? 0) % labels.count]
    _ = Charset.decode(bytes.dropFirst(), label: label).text.count
    _ = EncodedWord.decode(String(decoding: bytes, as: UTF8.self)).count
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

/// SwiftPM links an executable with `main` aliased to `ParleyMailFuzz_main`, which `-parse-as-library` never
/// emits; so provide it, and hand over to libFuzzer's own driver.
@_cdecl("ParleyMailFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { fuzz($0, $1) }
}
