"""Study sessions (quiz, review) as pure state machines: answers, seed and clock come in as arguments."""
