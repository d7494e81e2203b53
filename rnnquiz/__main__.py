"""`python -m rnnquiz`."""

from rnnquiz.cli import main

if __name__ == "__main__":
    main()
