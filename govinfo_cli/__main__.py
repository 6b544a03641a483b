from govinfo_cli.cli import main

main()
