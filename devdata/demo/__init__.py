"""The South Korea–China demo dataset (see /work/shared/demo-facts.md) and its loader."""
