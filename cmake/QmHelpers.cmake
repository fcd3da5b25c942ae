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
#               [ENVIRONMENT VAR=value ...] [FIXTURES fixture ...] [TIMEOUT s])
# The test runs with QT_QPA_PLATFORM=offscreen and gets the given ctest label.
function(qm_add_test name)
    cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LIBS;ENVIRONMENT;FIXTURES;ARGS" ${ARGN})
    if(NOT ARG_LABEL)
        message(FATAL_ERROR "qm_add_test(${name}): LABEL is required")
    endif()
    add_executable(${name} ${ARG_SOURCES})
    qm_set_warnings(${name})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/tests")
    add_test(NAME ${name} COMMAND ${name} ${ARG_ARGS})
    set(env
        QT_QPA_PLATFORM=offscreen
        QM_SOURCE_DIR=${PROJECT_SOURCE_DIR}
        QM_TESTDATA_DIR=${PROJECT_SOURCE_DIR}/../shared/testdata
        ${ARG_ENVIRONMENT})
    if(TARGET qm-portal)
        list(APPEND env QM_PORTAL_BIN=$<TARGET_FILE:qm-portal>)
    endif()
    if(TARGET qm)
        list(APPEND env QM_CLI_BIN=$<TARGET_FILE:qm>)
    endif()
    if(DEFINED QM_TEST_PG_URL_FILE)
        list(APPEND env QM_TEST_PG_URL_FILE=${QM_TEST_PG_URL_FILE})
    endif()
    set_tests_properties(${name} PROPERTIES LABELS ${ARG_LABEL} ENVIRONMENT "${env}")
    if(ARG_FIXTURES)
        set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED "${ARG_FIXTURES}")
    endif()
    if(ARG_TIMEOUT)
        set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT})
    else()
        set_tests_properties(${name} PROPERTIES TIMEOUT 300)
    endif()
endfunction()
