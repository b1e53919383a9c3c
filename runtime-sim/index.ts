/** The discrete-event simulated cluster: replays a workload through the core's shared driver. */
export { simulate, Simulation, type SimNotice, type TimedAdminCommand, type Rejection, type SimulationOptions, type SimulationResult } from './simulation.js';
export { EventQueue, EventRank, type SimEvent } from './event-queue.js';
export { ScheduleValidator } from './validator.js';
export { EXIT_TIME_LIMIT, sortBySubmit, type SimJob } from './workload.js';
