from teichaku.cli import main

main()
