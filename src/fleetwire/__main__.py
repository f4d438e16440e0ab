from fleetwire.cli import main

main()
