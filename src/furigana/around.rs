//! A token of a sentence seen with the tokens around it, as the context rules read it: the word
//! itself, its neighbours by offset (the one before is -1), and the stretches before and after.

use super::dictionary::Token;

/// Token `i` of `tokens`, with its neighbours.
#[derive(Clone, Copy)]
pub(super) struct Around<'a> {
    tokens: &'a [Token],
    i: usize,
}

impl<'a> Around<'a> {
    /// Token `i` of `tokens` (which must be an index of it).
    pub(super) fn new(tokens: &'a [Token], i: usize) -> Around<'a> {
        Around { tokens, i }
    }

    /// The whole sentence.
    pub(super) fn tokens(&self) -> &'a [Token] {
        self.tokens
    }

    /// Where the token in question is in the sentence.
    pub(super) fn index(&self) -> usize {
        self.i
    }

    /// The token in question.
    pub(super) fn word(&self) -> &'a Token {
        &self.tokens[self.i]
    }

    /// The token `offset` places away (-1 the one before, 1 the one after), if there is one.
    pub(super) fn at(&self, offset: isize) -> Option<&'a Token> {
        self.i
            .checked_add_signed(offset)
            .and_then(|k| self.tokens.get(k))
    }

    /// The text of the token `offset` places away, or "" beyond the sentence.
    pub(super) fn surface(&self, offset: isize) -> &'a str {
        self.at(offset).map_or("", |t| t.surface.as_str())
    }

    /// The token before, if any.
    pub(super) fn prev(&self) -> Option<&'a Token> {
        self.at(-1)
    }

    /// The token after, if any.
    pub(super) fn next(&self) -> Option<&'a Token> {
        self.at(1)
    }

    /// Whether the token `offset` places away is there and written as one of `words`.
    pub(super) fn is_one_of(&self, offset: isize, words: &[&str]) -> bool {
        self.at(offset)
            .is_some_and(|t| words.contains(&t.surface.as_str()))
    }

    /// The tokens before the word, nearest last.
    pub(super) fn before(&self) -> &'a [Token] {
        &self.tokens[..self.i]
    }

    /// The tokens from `offset` places after the word to the end (empty beyond it).
    pub(super) fn after(&self, offset: usize) -> &'a [Token] {
        self.tokens.get(self.i + offset..).unwrap_or(&[])
    }
}
