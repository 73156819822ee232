//! Normalizes a document's body into its text: Unicode, whitespace and quotes, boilerplate removal, sentence splitting, with an offset map back to the body.
