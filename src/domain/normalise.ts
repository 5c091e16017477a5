// Interface placeholder: implemented by the normalisation work (see docs/architecture.md).
