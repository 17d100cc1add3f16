extension String {
    /// Nil for "", so that an empty field reads as one not given.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
