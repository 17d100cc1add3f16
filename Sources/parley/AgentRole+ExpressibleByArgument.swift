import ArgumentParser
import ParleyCore

extension AgentRole: ExpressibleByArgument {}
