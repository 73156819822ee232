//! Named-entity recognition for news with canonical entities per document.
