// Command ferretdb runs an embedded FerretDB v1 for the local stack, tests and benchmarks: in a
// PostgreSQL database given by -postgresql-url (the default: the launcher indexes it so that the
// equality filters FerretDB pushes down use indexes), or on SQLite files in -data-dir where no
// PostgreSQL can be had (there every query other than by _id reads the whole collection).
//
// The stock `go install .../cmd/ferretdb` binary panics at start because its version file is
// generated at release time, so the stack launcher builds this tiny main instead.
// It prints one line "ready <mongodb-uri>" on stdout once it accepts connections, which lets
// the launcher ask for port 0 and learn the real port without racing anyone for it.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on")
	dataDir := flag.String("data-dir", "", "directory holding the SQLite databases (required without -postgresql-url)")
	postgresqlURL := flag.String("postgresql-url", "", "use this PostgreSQL database instead of SQLite files")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	flag.Parse()

	if *dataDir == "" && *postgresqlURL == "" {
		fmt.Fprintln(os.Stderr, "ferretdb: -data-dir is required")
		os.Exit(2)
	}
	config := ferretdb.Config{Handler: "postgresql", PostgreSQLURL: *postgresqlURL}
	if *postgresqlURL == "" {
		abs, err := filepath.Abs(*dataDir)
		if err == nil {
			err = os.MkdirAll(abs, 0o700)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: data directory: %v\n", err)
			os.Exit(1)
		}
		config = ferretdb.Config{Handler: "sqlite", SQLiteURL: "file:" + abs + "/"}
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: -log-level: %v\n", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config.Listener = ferretdb.ListenerConfig{TCP: *listen}
	config.Logger = logger
	f, err := ferretdb.New(&config)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go func() {
		// MongoDBURI blocks until Run has opened the listener.
		fmt.Printf("ready %s\n", f.MongoDBURI())
	}()

	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
