# Convenience targets; the README's two commands need none of this.
# package-linux needs the Fyne tool: go install fyne.io/tools/cmd/fyne@v1.7.4

FYNE ?= $(shell go env GOPATH)/bin/fyne
DIST := dist
# migrated_fynedo: the code calls widgets only on the UI goroutine (see
# FyneApp.toml [Migrations]); -s -w drops symbols, about 8 MB.
RELEASE_FLAGS := -tags migrated_fynedo -ldflags="-s -w"

.PHONY: run test build release package-linux windows screenshot fonts icon ci

run:
	go run ./cmd/shanhai

test:
	go test ./...

build:
	go build -o $(DIST)/shanhai ./cmd/shanhai
	go build -o $(DIST)/shanhai-server ./cmd/shanhai-server

release:
	go build $(RELEASE_FLAGS) -o $(DIST)/shanhai ./cmd/shanhai

# fyne package reads FyneApp.toml from the directory it packages, which must
# hold Go code; a scratch directory with a copy (icon path made absolute) keeps
# the checkout clean, and --exe packages the binary built above.
package-linux: release
	@stage=$$(mktemp -d) && trap 'rm -rf "$$stage"' EXIT && \
	sed 's#"assets/icon/icon.png"#"$(CURDIR)/assets/icon/icon.png"#' FyneApp.toml > "$$stage/FyneApp.toml" && \
	echo "package main" > "$$stage/main.go" && \
	(cd "$$stage" && $(FYNE) package --os linux --release --exe "$(CURDIR)/$(DIST)/shanhai") && \
	mv "$$stage"/*.tar.xz $(DIST)/ && ls -l $(DIST)/*.tar.xz

# A Windows .exe from Debian: apt-get install gcc-mingw-w64-x86-64-posix.
# The first build compiles GLFW for Windows (about 5.5 min on 2 cores).
windows:
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
	  go build -ldflags="-H windowsgui -s -w" -o $(DIST)/shanhai.exe ./cmd/shanhai

screenshot:
	scripts/screenshot.sh

fonts:
	scripts/subset-font.sh

icon:
	scripts/make-icon.sh

ci:
	.ci/run
