# qt-eventsourcing — the commands a newcomer needs. See README.md.
#   make run    install what is missing, build, open the inspector on the demo store
#   make test   install what is missing, build, run every test with a throwaway PostgreSQL
PRESET   ?= dev
BUILD    := build/$(PRESET)
CTEST_J  ?= 2
CTEST_ARGS ?=

.PHONY: all deps configure build run test bench coverage lint format clean

all: build

deps:
	@packaging/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET)

run: build
	@packaging/run-inspector.sh $(BUILD)

test: build
	@tests/support/with-postgres.sh ctest --preset $(PRESET) -j $(CTEST_J) $(CTEST_ARGS)

bench: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target es-bench es-inspector-bench
	@tests/support/with-postgres.sh build/release/bench/es-bench $(BENCH_ARGS)

coverage: deps
	@cmake --preset coverage >/dev/null
	@cmake --build --preset coverage
	@find build/coverage -name '*.gcda' -delete
	@tests/support/with-postgres.sh ctest --preset coverage -j $(CTEST_J) $(CTEST_ARGS)
	@mkdir -p build/coverage/html
	@gcovr --root . --filter 'engine/' --exclude-unreachable-branches --exclude-throw-branches \
	    --object-directory build/coverage --print-summary \
	    --html-details build/coverage/html/index.html
	@echo "coverage: HTML report in build/coverage/html/index.html"

lint: configure
	@packaging/lint.sh $(BUILD)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	@rm -rf build
