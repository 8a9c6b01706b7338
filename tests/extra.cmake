# Tests that need more than the automatic registration in tests/CMakeLists.txt.

# Keychain (docs/design.md, Security). tst_secretstore runs twice:
# - tst_secretstore: no D-Bus session at all, so no keychain service: the session-only path.
# - tst_secretstore_keyring: inside a private D-Bus session with an unlocked gnome-keyring
#   (support/with-keyring.sh): the real Secret Service round trip.
# A bus address that cannot work also keeps the other tests that may consult the keychain away
# from a developer's real keyring.
set(LEADGEN_NO_KEYCHAIN_ENV
    "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/leadgen-diag-tests-have-no-bus"
    "DISPLAY=")
set_property(TEST tst_secretstore APPEND PROPERTY ENVIRONMENT ${LEADGEN_NO_KEYCHAIN_ENV} "LEADGEN_KEYCHAIN_MODE=none")
set_property(TEST tst_composerkeychain APPEND PROPERTY ENVIRONMENT ${LEADGEN_NO_KEYCHAIN_ENV} "LEADGEN_KEYCHAIN_MODE=none")
foreach(test tst_sendcommand tst_canary tst_composer tst_mainwindow tst_screenshots tst_history tst_historycli)
    if(TEST ${test})
        set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT ${LEADGEN_NO_KEYCHAIN_ENV})
    endif()
endforeach()

# The canary also drives the GUI (the composer in the real main window).
target_link_libraries(tst_canary PRIVATE leadgen_ui Qt6::Widgets)

find_program(LEADGEN_DBUS_RUN_SESSION dbus-run-session)
find_program(LEADGEN_GNOME_KEYRING_DAEMON gnome-keyring-daemon)
if(LEADGEN_DBUS_RUN_SESSION AND LEADGEN_GNOME_KEYRING_DAEMON)
    # The composer's "Remember" across restarts, with a real Secret Service.
    add_test(NAME tst_composerkeychain_keyring
             COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/support/with-keyring.sh" $<TARGET_FILE:tst_composerkeychain>)
    set_tests_properties(tst_composerkeychain_keyring PROPERTIES
        ENVIRONMENT "${LEADGEN_TEST_ENV};LEADGEN_KEYCHAIN_MODE=real"
        TIMEOUT 60
        LABELS gui)
    add_test(NAME tst_secretstore_keyring
             COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/support/with-keyring.sh" $<TARGET_FILE:tst_secretstore>)
    set_tests_properties(tst_secretstore_keyring PROPERTIES
        ENVIRONMENT "${LEADGEN_TEST_ENV};LEADGEN_KEYCHAIN_MODE=real"
        TIMEOUT 60
        LABELS unit)
else()
    message(WARNING "dbus-run-session or gnome-keyring-daemon missing (scripts/setup.sh installs them): "
                    "the real keychain test tst_secretstore_keyring is not registered")
endif()

# tst_explaincommand, tst_program, tst_inputlimits and tst_spillfiles run the real binary (no display, no QGuiApplication).
add_dependencies(tst_explaincommand leadgen-diag)
add_dependencies(tst_program leadgen-diag)
add_dependencies(tst_inputlimits leadgen-diag)
add_dependencies(tst_spillfiles leadgen-diag)
set_property(TEST tst_program APPEND PROPERTY ENVIRONMENT ${LEADGEN_NO_KEYCHAIN_ENV})

# Fuzzing: a brief run of fuzz_analyzer on the response corpus, when clang++ is there.
# The script builds build/fuzz with the "fuzz" preset (clang++, ASan/UBSan, libFuzzer) on first
# use, then fuzzes for 10 s; exit 77 (clang++ missing) shows as "skipped". Longer runs by hand:
# tests/fuzz/run-fuzz.sh 300. Not registered inside the fuzz build itself.
find_program(LEADGEN_CLANGXX clang++)
if(LEADGEN_CLANGXX AND NOT LEADGEN_FUZZ)
    add_test(NAME fuzz_analyzer_smoke COMMAND "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run-fuzz.sh" 10)
    # The cURL importer: tokenizer, options, round trip through export, redaction.
    add_test(NAME fuzz_curlcommand_smoke
             COMMAND "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run-fuzz.sh" 10 fuzz_curlcommand)
    # The simulator's HTTP parser: the same requests whole, byte by byte and in chunks.
    add_test(NAME fuzz_httprequestparser_smoke
             COMMAND "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run-fuzz.sh" 10 fuzz_httprequestparser)
    # The support workflow's readers: HAR files and JSON Lines logs as customers send them.
    add_test(NAME fuzz_har_smoke COMMAND "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run-fuzz.sh" 10 fuzz_har)
    add_test(NAME fuzz_jsonlines_smoke COMMAND "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run-fuzz.sh" 10 fuzz_jsonlines)
    # All build in build/fuzz: one at a time.
    set_tests_properties(fuzz_analyzer_smoke fuzz_curlcommand_smoke fuzz_httprequestparser_smoke fuzz_har_smoke
                         fuzz_jsonlines_smoke PROPERTIES
        TIMEOUT 900
        SKIP_RETURN_CODE 77
        RESOURCE_LOCK leadgen_fuzz_build
        LABELS fuzz)
endif()

# The tree stays formatted (.clang-format at the root): a drifted file fails here with the
# clang-format diagnostics, so CI catches it. clang-format 14 is what scripts/setup.sh installs.
find_program(LEADGEN_CLANG_FORMAT NAMES clang-format-14 clang-format)
if(LEADGEN_CLANG_FORMAT)
    add_test(NAME clang_format_check
             COMMAND sh -c "find app ui tests -name '*.cpp' -o -name '*.h' | sort | xargs '${LEADGEN_CLANG_FORMAT}' --dry-run --Werror"
             WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
endif()
