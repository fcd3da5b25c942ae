# Shared build settings for every Quartermaster target.

# Compiler warnings for one target; errors too when QM_WARNINGS_AS_ERRORS is on.
function(qm_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive-)
        if(QM_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE
            -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
            -Woverloaded-virtual -Wimplicit-fallthrough)
        if(QM_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_STRICT_ITERATORS
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
endfunction()

# A library of the project: qm_add_library(qm_core SOURCES ... )
function(qm_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    qm_set_warnings(${name})
    target_include_directories(${name} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}/..")
endfunction()

# One test executable per class under test:
#   qm_add_test(tst_decimal LABEL unit SOURCES tst_decimal.cpp LIBS qm_core
#               [ENVIRONMENT VAR=value ...] [FIXTURES fixture ...] [TIMEOUT s] [ARGS ...]
#               [BACKENDS] [KEYRING] [FAULTS] [DISABLED])
# The test runs with QT_QPA_PLATFORM=offscreen and gets the given ctest label.
#   BACKENDS  registers the executable twice: <name> with QM_TEST_BACKEND=sqlite and
#             <name>_postgres with QM_TEST_BACKEND=postgres on the `postgres` fixture
#             (tests/support/portalprocess.h starts qm-portal on that backend); the second
#             also gets the label `postgres`.
#   FAULTS    a fault-injection, kill -9, model-based or soak test, whose time goes into
#             repeating runs under faults: label `faults`. The sanitized run of the suite
#             (scripts/sanitize) leaves these and the `postgres` registrations out.
#   KEYRING   runs it through scripts/with-keyring: its own D-Bus session with a fresh,
#             unlocked gnome-keyring as the secret service, for tests that sign in.
#   DISABLED  builds it but leaves it out of the run (benchmarks, see bench/).
function(qm_add_test name)
    cmake_parse_arguments(ARG "BACKENDS;KEYRING;FAULTS;DISABLED" "LABEL;TIMEOUT"
        "SOURCES;LIBS;ENVIRONMENT;FIXTURES;ARGS" ${ARGN})
    if(NOT ARG_LABEL)
        message(FATAL_ERROR "qm_add_test(${name}): LABEL is required")
    endif()
    add_executable(${name} ${ARG_SOURCES})
    qm_set_warnings(${name})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/tests")

    set(command $<TARGET_FILE:${name}> ${ARG_ARGS})
    if(ARG_KEYRING)
        list(PREPEND command "${PROJECT_SOURCE_DIR}/scripts/with-keyring")
    endif()
    set(env
        QT_QPA_PLATFORM=offscreen
        QM_SOURCE_DIR=${PROJECT_SOURCE_DIR}
        QM_TESTDATA_DIR=${PROJECT_SOURCE_DIR}/../shared/testdata
        ${ARG_ENVIRONMENT})
    # Tests start qm-portal and qm, so they depend on them; a build that makes only some
    # tests (scripts/sanitize: the unit tests of the parsers and rules) turns that off.
    if(TARGET qm-portal AND QM_TESTS_NEED_TOOLS)
        list(APPEND env QM_PORTAL_BIN=$<TARGET_FILE:qm-portal>)
        add_dependencies(${name} qm-portal)
    endif()
    if(TARGET qm AND QM_TESTS_NEED_TOOLS)
        list(APPEND env QM_CLI_BIN=$<TARGET_FILE:qm>)
        add_dependencies(${name} qm)
    endif()
    if(DEFINED QM_TEST_PG_URL_FILE)
        list(APPEND env QM_TEST_PG_URL_FILE=${QM_TEST_PG_URL_FILE})
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()

    set(registrations ${name})
    if(ARG_BACKENDS)
        list(APPEND registrations ${name}_postgres)
    endif()
    foreach(test IN LISTS registrations)
        set(test_env ${env})
        set(fixtures ${ARG_FIXTURES})
        set(labels ${ARG_LABEL})
        if(ARG_FAULTS)
            list(APPEND labels faults)
        endif()
        if(ARG_BACKENDS)
            if(test STREQUAL name)
                list(APPEND test_env QM_TEST_BACKEND=sqlite)
            else()
                list(APPEND test_env QM_TEST_BACKEND=postgres)
                list(APPEND fixtures postgres)
                list(APPEND labels postgres)
            endif()
        endif()
        add_test(NAME ${test} COMMAND ${command})
        set_tests_properties(${test} PROPERTIES
            LABELS "${labels}" ENVIRONMENT "${test_env}" TIMEOUT ${ARG_TIMEOUT})
        if(fixtures)
            set_tests_properties(${test} PROPERTIES FIXTURES_REQUIRED "${fixtures}")
        endif()
        if(ARG_DISABLED)
            set_tests_properties(${test} PROPERTIES DISABLED TRUE)
        endif()
    endforeach()
endfunction()

# Fails the configure step when `target` links any of the `forbidden` targets, directly
# or through the libraries it links: the layering of PRODUCT.md (nothing below ui/ links
# Widgets or Gui; the portal links no client library) is enforced by the build.
#   qm_forbid_links(qm_sync Qt6::Widgets Qt6::Gui)
function(qm_forbid_links target)
    set(pending ${target})
    set(seen)
    while(pending)
        list(POP_FRONT pending current)
        if(current IN_LIST seen OR NOT TARGET ${current})
            continue()
        endif()
        list(APPEND seen ${current})
        get_target_property(aliased ${current} ALIASED_TARGET)
        if(aliased)
            list(APPEND pending ${aliased})
        endif()
        foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
            get_target_property(links ${current} ${property})
            if(links)
                foreach(link IN LISTS links)
                    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
                    if(link IN_LIST ARGN)
                        message(FATAL_ERROR
                            "${target} must not link ${link} (reached through ${current}); "
                            "see the layering in CONTRIBUTING.md")
                    endif()
                    list(APPEND pending ${link})
                endforeach()
            endif()
        endforeach()
    endwhile()
endfunction()
