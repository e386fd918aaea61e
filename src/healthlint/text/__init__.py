"""Reading text: a file as a document, its Markdown regions, prose, sentences, citations and language cues."""
