"""`python -m kexie_plan`: the same entry point as the `kexie` script."""

from kexie_plan.cli import main

if __name__ == "__main__":
    main()
