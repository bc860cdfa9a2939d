# Warnings and instrumentation shared by every target of the project.
# es_target_defaults(<target>) applies them; third-party code is never passed through it.

function(es_target_defaults target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
        -Wcast-align -Wformat=2 -Wmissing-declarations)
    if(ES_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
        # GCC 12 at -O2 (the asan and tsan presets) reports the std::variant inside a default
        # es::json::Value that QMap::operator[] inserts as "maybe uninitialized", a false positive of
        # its flow analysis with std::variant: kept as a warning, not an error.
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
            target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_FOREACH)
endfunction()

# Coverage instruments engine/ only: the figure we steer by is the engine's.
function(es_target_coverage target)
    if(ES_COVERAGE)
        target_compile_options(${target} PRIVATE --coverage -fprofile-update=atomic -O0)
        target_link_options(${target} PUBLIC --coverage)
    endif()
endfunction()
